import { SUBMIT_DEADLINE_CAP_MS, SubmitLatency } from './submit-deadline';

describe('SubmitLatency', () => {
  it('keeps the configured deadline while submits are answered well within it', () => {
    const latency = new SubmitLatency(1_500);
    expect(latency.deadlineMs()).toBe(1_500);
    for (const ms of [200, 300, 250, 400]) {
      latency.observe(ms);
    }
    expect(latency.deadlineMs()).toBe(1_500);
  });

  it('grows to three times the recent latency when the ordering service is slow, up to the cap', () => {
    const latency = new SubmitLatency(1_500);
    latency.observe(900);
    expect(latency.deadlineMs()).toBe(2_700);
    for (let i = 0; i < 50; i++) {
      latency.observe(5_000);
    }
    expect(latency.deadlineMs()).toBe(SUBMIT_DEADLINE_CAP_MS);
  });

  it('comes back to the configured deadline once submits are quick again', () => {
    const latency = new SubmitLatency(1_500);
    latency.observe(1_200);
    for (let i = 0; i < 30; i++) {
      latency.observe(100);
    }
    expect(latency.deadlineMs()).toBe(1_500);
  });

  it('never cuts a configured deadline that is above the cap', () => {
    const latency = new SubmitLatency(10_000);
    latency.observe(100);
    expect(latency.deadlineMs()).toBe(10_000);
  });
});
