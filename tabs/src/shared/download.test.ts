import { csvFileName } from './download';

describe('csvFileName', () => {
  it('names the file after the list, without characters file systems refuse', () => {
    expect(csvFileName('Ward 7 West')).toBe('Ward 7 West.csv');
    expect(csvFileName('ICU / nights: "B"')).toBe('ICU - nights- -B-.csv');
    expect(csvFileName('  ')).toBe('rounding-list.csv');
  });
});
