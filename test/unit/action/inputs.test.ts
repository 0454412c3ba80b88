import { InputError } from '../../../src/action/errors.js';
import { Inputs, inputVariable } from '../../../src/action/inputs.js';
import { fenced, table, truncate } from '../../../src/action/markdown.js';

const inputs = (values: Record<string, string>) =>
  new Inputs(Object.fromEntries(Object.entries(values).map(([key, value]) => [inputVariable(key), value])));

describe('Inputs', () => {
  it('reads the variable the runner sets, dashes kept and spaces to underscores', () => {
    expect(inputVariable('env-repository')).toBe('INPUT_ENV-REPOSITORY');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
    expect(inputs({ 'env-repository': '  acme/env \n' }).string('env-repository')).toBe('acme/env');
  });

  it.each([
    ['true', true],
    ['False', false],
    ['', true],
    ['yes', true],
    ['0', false],
  ])('reads boolean %p', (text, expected) => {
    expect(inputs({ flag: text }).boolean('flag', true)).toBe(expected);
  });

  it('names the input and the expected form when a value is wrong', () => {
    expect(() => inputs({ 'dry-run': 'maybe' }).boolean('dry-run', false)).toThrow(
      "input 'dry-run': 'maybe' is not a boolean; expected 'true' or 'false'",
    );
    expect(() => inputs({ mode: 'merge' }).oneOf('mode', ['push', 'pull-request'], 'push')).toThrow(
      "input 'mode': 'merge' is not supported; expected one of push, pull-request",
    );
    expect(() => inputs({}).required('image', 'a repository')).toThrow(InputError);
    expect(() => inputs({ vars: 'A=1\nnot a pair' }).keyValues('vars')).toThrow(/input 'vars': 'not a pair' is not a KEY=VALUE line/);
  });

  it('splits lines, skipping blanks and comments, and commas on request', () => {
    const list = inputs({ tags: 'a, b\n\n# comment\nc\r\n' });
    expect(list.lines('tags')).toEqual(['a, b', 'c']);
    expect(list.lines('tags', { commas: true })).toEqual(['a', 'b', 'c']);
  });

  it('keeps = inside values', () => {
    expect(Object.fromEntries(inputs({ vars: 'URL=https://x/?a=b\n B = c ' }).keyValues('vars'))).toEqual({
      URL: 'https://x/?a=b',
      B: 'c',
    });
  });
});

describe('markdown', () => {
  it('fences content that itself contains a fence', () => {
    const block = fenced('diff', 'a\n```\nb\n');
    expect(block.startsWith('````diff\n')).toBe(true);
    expect(block.endsWith('\n````')).toBe(true);
  });

  it('escapes table cells', () => {
    expect(table(['a', 'b'], [['x|y', 'z\nw']])).toBe('| a | b |\n| --- | --- |\n| x\\|y | z w |');
  });

  it('says how much it cut', () => {
    expect(truncate('abcdef', 4)).toBe('abcd\n… 2 more characters');
    expect(truncate('abc', 4)).toBe('abc');
  });
});
