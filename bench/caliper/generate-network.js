/**
 * Writes Caliper's network configuration for the running native network into generated/: one
 * connection profile per org (its peer's address and TLS CA) and the identities the workloads
 * sign with, all read from the network's own description (topology.json and the cryptogen paths)
 * and the demo participants, so nothing here names a path or a port.
 * Needs `npx tsc -b network gateway` (run by the bench:caliper script).
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { describeNetwork } = require('@scf/network');
const { DEMO_PARTICIPANTS } = require('../../gateway/dist/src/demo/demo-participants');

const out = path.join(__dirname, 'generated');
fs.mkdirSync(out, { recursive: true });
const network = describeNetwork();

const organizations = network.orgs.map((org) => {
  const profile = {
    name: `scf-${org.name}`,
    version: '1.0.0',
    client: { organization: org.name },
    organizations: { [org.name]: { mspid: org.mspId, peers: [org.peer.name] } },
    peers: {
      [org.peer.name]: {
        url: `grpcs://${org.peer.address}`,
        tlsCACerts: { path: org.peer.tlsCaPath },
        // A peer's TLS certificate names its host name and its org's address, as network/src/gateway-client.ts expects.
        grpcOptions: { 'ssl-target-name-override': org.peer.hostname },
      },
    },
  };
  const profilePath = path.join(out, `profile-${org.name}.json`);
  fs.writeFileSync(profilePath, `${JSON.stringify(profile, null, 2)}\n`);
  const certificates = DEMO_PARTICIPANTS.filter((p) => p.org === org.name).map((p) => {
    const files = org.users.find((u) => u.user === p.user);
    if (!files) {
      throw new Error(`${org.name} has no ${p.user}`);
    }
    return { name: p.participantId, clientPrivateKey: { path: files.keyPath }, clientSignedCert: { path: files.certPath } };
  });
  return { mspid: org.mspId, identities: { certificates }, connectionProfile: { path: profilePath, discover: true } };
});

const config = {
  name: 'scf-native',
  version: '2.0.0',
  caliper: { blockchain: 'fabric' },
  channels: [{ channelName: network.channel, contracts: [{ id: network.chaincode }] }],
  organizations,
};
fs.writeFileSync(path.join(out, 'network.json'), `${JSON.stringify(config, null, 2)}\n`);
process.stdout.write(
  `caliper network config: ${path.relative(process.cwd(), path.join(out, 'network.json'))} (${String(organizations.length)} orgs, channel ${network.channel}, chaincode ${network.chaincode})\n`,
);
