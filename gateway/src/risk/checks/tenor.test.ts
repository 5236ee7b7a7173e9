import { financingInputs, pledgeInputs, testPolicy } from '../testing/fixtures';
import { tenor } from './tenor';
import { formatEpochDay } from '@scf/kernel/dates';

const policy = testPolicy(); // 180 days
const TODAY = 20098;

describe('TENOR_ABOVE_POLICY', () => {
  it('a financing matures on the due date: 180 days passes, 181 rejects', () => {
    expect(tenor(policy, financingInputs({ receivable: { dueDate: formatEpochDay(TODAY + 180) } }))).toBeUndefined();
    expect(tenor(policy, financingInputs({ receivable: { dueDate: formatEpochDay(TODAY + 181) } }))).toEqual({
      code: 'TENOR_ABOVE_POLICY',
      severity: 'reject',
      points: 100,
      explanation: "tenor of 181 days exceeds the policy's 180",
    });
  });

  it('a pledge loan uses its own tenor', () => {
    expect(tenor(policy, pledgeInputs({ pledge: { tenorDays: 180 } }))).toBeUndefined();
    expect(tenor(policy, pledgeInputs({ pledge: { tenorDays: 181 } }))?.code).toBe('TENOR_ABOVE_POLICY');
  });
});
