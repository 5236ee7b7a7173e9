import { containerImages } from '@scf/network';
import { runtime } from '../support/fabric';

/**
 * The integration tests that prove a runtime, run on the container runtime: every node on its
 * org's own address at the table's ports; submit through one org and read from every org, with
 * fabric-gateway and with the peer CLI; a peer and an orderer killed and restarted; one financing
 * from issue to settlement. They are the integration suite's own files, registered inside this
 * describe so that the whole set is skipped, with the reason printed, when no engine is there.
 */
const unavailable = process.env.SCF_CONTAINERS_UNAVAILABLE;
if (unavailable !== undefined) {
  process.stdout.write(`[containers] skipped: ${unavailable}\n`);
}
const suite = unavailable === undefined ? describe : describe.skip;

suite(`on the container runtime (${Object.values(containerImages()).join(', ')})`, () => {
  it('runs on containers, on ports of its own', () => {
    expect(runtime.kind).toBe('containers');
    expect(process.env.SCF_PORT_OFFSET).not.toBe('0');
    for (const org of runtime.describe().orgs) {
      expect(org.peer.address).not.toMatch(/^127\.0\.0\.1:/);
      expect(org.peer.address).not.toMatch(/:7061$/);
    }
  });

  /* eslint-disable @typescript-eslint/no-require-imports -- a require inside describe() registers those files' tests in this suite */
  require('../integration/network-object.test');
  require('../integration/gateway-commit.test');
  require('../integration/peer-cli.test');
  require('../integration/faults.test');
  require('../integration/ledger-lifecycle.test');
  /* eslint-enable @typescript-eslint/no-require-imports */
});
