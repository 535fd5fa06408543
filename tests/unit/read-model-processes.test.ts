// eslint-disable-next-line @typescript-eslint/no-var-requires
const { renderProcesses, HELPERS_FROM_ROWS } = require('../../scripts/lib/read-model');

/** How many processes an import or a rebuild renders the read model with (docs/architecture.md, "Commands"). */
describe('renderProcesses', () => {
  it('renders few rows in one process: a helper’s start would cost more than it saves', () => {
    expect(renderProcesses(HELPERS_FROM_ROWS - 1, {}, 8)).toBe(1);
    expect(renderProcesses(0, {}, 8)).toBe(1);
  });

  it('renders many rows with one process per core, at most 4', () => {
    expect(renderProcesses(HELPERS_FROM_ROWS, {}, 2)).toBe(2);
    expect(renderProcesses(32_400, {}, 1)).toBe(1);
    expect(renderProcesses(32_400, {}, 16)).toBe(4);
  });

  it('takes READ_MODEL_RENDER_PROCESSES as it is, never more processes than rows; empty is unset', () => {
    expect(renderProcesses(10, { READ_MODEL_RENDER_PROCESSES: '2' }, 1)).toBe(2);
    expect(renderProcesses(1, { READ_MODEL_RENDER_PROCESSES: '3' }, 8)).toBe(1);
    expect(renderProcesses(32_400, { READ_MODEL_RENDER_PROCESSES: '1' }, 8)).toBe(1);
    expect(renderProcesses(32_400, { READ_MODEL_RENDER_PROCESSES: ' ' }, 2)).toBe(2);
  });

  it('refuses a value that is not a whole number from 1 to 16, naming the variable', () => {
    for (const value of ['0', '-1', '2.5', 'two', '17']) {
      expect(() => renderProcesses(32_400, { READ_MODEL_RENDER_PROCESSES: value }, 2)).toThrow(/READ_MODEL_RENDER_PROCESSES must be a whole number from 1 to 16/);
    }
  });
});
