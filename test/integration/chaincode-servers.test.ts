import * as grpc from '@grpc/grpc-js';
import { chaincodeServerTls, findOrg, peerChaincodeClientTls, readDeployed, slotPort } from '@scf/network';
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { eventually, network, runtime, utf8, withContract } from '../support/fabric';
import { catalogue, tx } from '@scf/kernel/catalogue/catalogue';

const VICTIM = 'Warehouse';
const WITNESS = 'BankA';

/** The address and port of an org's chaincode server for the deployed slot: on the org's own address. */
function server(orgName: string): { host: string; port: number } {
  const deployed = readDeployed();
  if (!deployed) {
    throw new Error('no chaincode deployed');
  }
  const org = findOrg(orgName);
  return { host: org.address, port: slotPort(org, deployed.slot) };
}

function portOpen({ host, port }: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

/**
 * Evaluates on the peer of one org only (the gateway would otherwise retry on another org's peer),
 * through the gateway of `via`'s peer.
 */
function evaluateOn(via: string, target: string): Promise<string> {
  const mspId = findOrg(target).mspId;
  return withContract(via, 'User1', catalogue.system.name, async (contract) =>
    utf8.decode(await contract.evaluate(tx.system.Version.name, { arguments: [], endorsingOrganizations: [mspId] })),
  );
}

/** Whether a gRPC channel with these credentials gets ready (HTTP/2 up, TLS handshake done if TLS). */
function channelReady({ host, port }: { host: string; port: number }, credentials: grpc.ChannelCredentials): Promise<boolean> {
  const client = new grpc.Client(`${host}:${port}`, credentials);
  return new Promise((resolve) => {
    client.waitForReady(Date.now() + 3000, (error) => {
      client.close();
      resolve(!error);
    });
  });
}

describe("each org's chaincode server", () => {
  it("is the only one its org's peer uses: with it stopped, that peer can't evaluate while the others can", async () => {
    // A first evaluate on each org, so every peer has a stream to its own server before the stop.
    for (const org of network().orgs) {
      expect(await eventually(() => evaluateOn(org.name, org.name))).toBeTruthy();
    }
    const victim = server(VICTIM);
    await runtime.stopChaincodeServer(VICTIM);
    try {
      expect(await portOpen(victim)).toBe(false);
      // Through the victim's own gateway and through another org's gateway: the victim's peer fails.
      await expect(evaluateOn(VICTIM, VICTIM)).rejects.toThrow();
      await expect(evaluateOn(WITNESS, VICTIM)).rejects.toThrow();
      // The same evaluate on every other org's peer still answers: none of them used the victim's server.
      for (const org of network().orgs.filter((o) => o.name !== VICTIM)) {
        expect(await evaluateOn(VICTIM, org.name)).toBeTruthy();
      }
    } finally {
      await runtime.startChaincodeServer(VICTIM);
    }
    expect(await portOpen(victim)).toBe(true);
    // The peer connects again on its next invocation.
    expect(await eventually(() => evaluateOn(VICTIM, VICTIM), 60_000, 1000)).toBeTruthy();
    expect(await eventually(() => evaluateOn(WITNESS, VICTIM), 60_000, 1000)).toBeTruthy();
  });

  it('accepts only TLS with a client certificate from its org', async () => {
    const org = findOrg(WITNESS);
    const witness = server(WITNESS);
    const client = peerChaincodeClientTls(org);
    const ca = fs.readFileSync(client.rootCa);
    // The server certificate comes from the org's TLS CA, for chaincode.<org domain> and the org's address.
    expect(fs.readFileSync(chaincodeServerTls(org).clientCa).equals(ca)).toBe(true);

    expect(await channelReady(witness, grpc.credentials.createInsecure())).toBe(false);
    expect(await channelReady(witness, grpc.credentials.createSsl(ca, fs.readFileSync(client.key), fs.readFileSync(client.cert)))).toBe(
      true,
    );

    // TLS without a client certificate: the handshake is refused (TLS 1.3 sends the alert after the client's Finished).
    const refusal = await new Promise<string>((resolve) => {
      const socket = tls.connect({ ...witness, ca, servername: `chaincode.${org.domain}`, ALPNProtocols: ['h2'] });
      const timer = setTimeout(() => {
        socket.destroy();
        resolve('still open');
      }, 5000);
      const settle = (outcome: string): void => {
        clearTimeout(timer);
        resolve(outcome);
      };
      socket.once('error', (error: NodeJS.ErrnoException) => {
        settle(error.code ?? error.message);
      });
      socket.once('close', () => {
        settle('closed');
      });
    });
    expect(refusal).toMatch(/CERTIFICATE_REQUIRED|closed|ECONNRESET/);

    // Another org's peer identity is not accepted either: its certificate comes from another TLS CA.
    const other = peerChaincodeClientTls(findOrg(VICTIM));
    expect(await channelReady(witness, grpc.credentials.createSsl(ca, fs.readFileSync(other.key), fs.readFileSync(other.cert)))).toBe(
      false,
    );
  });
});
