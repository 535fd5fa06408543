import { boundedCopy, boundError, ERROR_BOUNDS } from '../../src/lib/error-bounds';

describe('boundError', () => {
  it('keeps a small error as it is', () => {
    const error = { status: 400, name: 'ValidationError', message: 'title is required', details: { errors: [{ path: ['title'], message: 'title is required' }] } };
    expect(boundError(error)).toEqual(error);
  });

  it('shortens a message that prints the input back', () => {
    const message = `this must be a \`object\` type, but the final value was: \`${'['.repeat(5000)}\``;
    const bounded = boundError({ status: 400, message });
    expect((bounded.message as string).length).toBeLessThan(ERROR_BOUNDS.maxMessage + 40);
    expect(bounded.message).toMatch(/more characters\)$/);
  });

  it('drops echoed values, stacks and server paths', () => {
    const bounded = boundError({
      status: 500,
      message: 'failed at /work/app/node_modules/x/index.js:1:2',
      stack: 'Error\n    at /work/app/dist/src/index.js:1:1',
      details: { errors: [{ path: ['a'], message: 'bad', value: 'x'.repeat(100000) }] },
    });
    expect(JSON.stringify(bounded)).not.toMatch(/stack|\/work\/|node_modules|xxxx/);
    expect(bounded.details).toEqual({ errors: [{ path: ['a'], message: 'bad' }] });
  });

  it('bounds deep and wide details without recursion', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 100000; i += 1) deep = [deep];
    const bounded = boundedCopy({ deep, wide: Array.from({ length: 10000 }, (_, i) => i) });
    expect(JSON.stringify(bounded).length).toBeLessThan(4096);
  });

  it('keeps URLs in messages', () => {
    expect(boundError({ message: 'https://www.lnu.edu.cn/tmp/a is not allowed' }).message).toBe('https://www.lnu.edu.cn/tmp/a is not allowed');
  });
});
