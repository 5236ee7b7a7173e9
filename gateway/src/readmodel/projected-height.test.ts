import { ProjectedHeight } from './projected-height';

describe('ProjectedHeight', () => {
  it('answers undefined (no wait) once the block is projected', () => {
    const height = new ProjectedHeight();
    height.advance(5n);
    expect(height.until(4n, 1_000)).toBeUndefined();
    expect(height.until(5n, 1_000)).toBeInstanceOf(Promise);
  });

  it('releases a wait when the block is projected, not before', async () => {
    const height = new ProjectedHeight();
    height.advance(3n);
    let released = false;
    const wait = height.until(4n, 60_000)?.then(() => {
      released = true;
    });
    height.advance(4n);
    await Promise.resolve();
    expect(released).toBe(false);
    height.advance(5n);
    await wait;
    expect(released).toBe(true);
  });

  it('gives up after waitMs, and never goes down', async () => {
    jest.useFakeTimers();
    try {
      const height = new ProjectedHeight();
      height.advance(9n);
      height.advance(2n);
      expect(height.next).toBe(9n);
      const wait = height.until(20n, 500);
      jest.advanceTimersByTime(500);
      await expect(wait).resolves.toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
  });

  it('releases every waiter at close, and does not wait afterwards', async () => {
    const height = new ProjectedHeight();
    const wait = height.until(1n, 60_000);
    height.close();
    await expect(wait).resolves.toBeUndefined();
    expect(height.until(1n, 60_000)).toBeUndefined();
  });
});
