import { definitionVersion } from './deploy';
import { CHAINCODE_ENDORSEMENT_QUORUM, endorsementPolicy, quorumOfOrgs } from './lifecycle';
import { topology } from './topology';

describe('the chaincode-level endorsement policy', () => {
  it('needs 3 of the 6 orgs, so that no pair of orgs can create a key alone', () => {
    expect(CHAINCODE_ENDORSEMENT_QUORUM).toBe(3);
    const members = topology.orgs.map((o) => `'${o.mspId}.peer'`);
    expect(members).toHaveLength(6);
    expect(endorsementPolicy()).toBe(`OutOf(3,${members.join(',')})`);
  });

  it('names a quorum of distinct orgs for clients that pick their endorsers, starting with the given org', () => {
    const [, second] = topology.orgs;
    if (!second) {
      throw new Error('the topology needs two orgs');
    }
    const orgs = quorumOfOrgs(second);
    expect(orgs).toHaveLength(CHAINCODE_ENDORSEMENT_QUORUM);
    expect(orgs[0]?.mspId).toBe(second.mspId);
    expect(new Set(orgs.map((o) => o.mspId)).size).toBe(CHAINCODE_ENDORSEMENT_QUORUM);
  });

  it('is part of the definition version, so a changed policy upgrades a running network like changed code', () => {
    const code = 'a'.repeat(64);
    expect(definitionVersion(code)).toMatch(/^0\.[0-9a-f]{12}$/);
    expect(definitionVersion(code)).toBe(definitionVersion(code, endorsementPolicy()));
    expect(definitionVersion(code, endorsementPolicy().replace('OutOf(3,', 'OutOf(2,'))).not.toBe(definitionVersion(code));
    expect(definitionVersion('b'.repeat(64))).not.toBe(definitionVersion(code));
  });
});
