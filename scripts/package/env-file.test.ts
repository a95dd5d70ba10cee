import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnvironment, parseEnvFile } from './env-file';
import { PackagingError } from './errors';
import { tempDir } from './test-support';

describe('env files', () => {
  it('parses the dotenv subset Teams Toolkit writes', () => {
    const text = ['# comment', '', 'A=1', 'B = two words # trailing comment', 'C="quoted # kept"', "D='x'", 'E=', 'export F=f'].join('\r\n');
    expect(parseEnvFile(text, '.env.t')).toEqual({ A: '1', B: 'two words', C: 'quoted # kept', D: 'x', E: '', F: 'f' });
  });

  it('names the file and line of a line it cannot read', () => {
    expect(() => parseEnvFile('A=1\nnot a pair\n', '.env.t')).toThrow(/\.env\.t:2: expected KEY=value/);
  });

  it('lets .env.<name>.user override .env.<name>, and lists known environments when one is missing', () => {
    const env = tempDir();
    try {
      writeFileSync(path.join(env.dir, '.env.x'), 'A=main\nB=main\n');
      writeFileSync(path.join(env.dir, '.env.x.user'), 'B=user\nSECRET_C=s\n');
      expect(loadEnvironment(env.dir, 'x')).toEqual({ A: 'main', B: 'user', SECRET_C: 's' });

      const error = (() => {
        try {
          loadEnvironment(env.dir, 'y');
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(PackagingError);
      expect((error as PackagingError).problems).toContain('known environments: x');
      expect(() => loadEnvironment(env.dir, '../x')).toThrow(/Invalid environment name/);
    } finally {
      env.cleanup();
    }
  });
});
