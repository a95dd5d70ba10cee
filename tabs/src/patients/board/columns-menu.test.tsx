import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen } from '@testing-library/react';
import { ColumnsMenu } from './columns-menu';

describe('the Columns menu', () => {
  it('offers Labs as a column and adds it after Vitals, whatever order it was ticked in', async () => {
    const onChange = jest.fn();
    render(
      <FluentProvider theme={teamsLightTheme}>
        <ColumnsMenu columns={['name', 'vitals', 'coverage']} onChange={onChange} />
      </FluentProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Columns' }));

    const labs = await screen.findByRole('menuitemcheckbox', { name: 'Labs' });
    expect(labs).toHaveAttribute('aria-checked', 'false');
    fireEvent.click(labs);

    expect(onChange).toHaveBeenCalledWith(['name', 'vitals', 'labs', 'coverage']);
  });
});
