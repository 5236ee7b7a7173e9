import type { ChaincodeStub, ClientIdentity } from 'fabric-shim';

type ClientIdentityClass = new (stub: ChaincodeStub) => ClientIdentity;

/** What fabric-shim's ClientIdentity derives from the creator's certificate. */
interface Parsed {
  readonly id: string;
  readonly attrs: Readonly<Record<string, string>>;
}

const LIMIT = 1024;

/**
 * fabric-shim's ClientIdentity, its certificate parse remembered per creator (MSP id and
 * certificate bytes): fabric-contract-api builds one for every call, and parsing the X.509
 * certificate (@fidm/x509) was ≈ 7% of a loaded chaincode server's busy time. The identity it
 * hands out is an instance of fabric-shim's own class with the fields its constructor sets (this
 * call's stub, MSP id and certificate bytes; the id and attributes parsed from those bytes), so
 * every method behaves as before; a certificate that fails to parse throws as before and is not
 * remembered. A pure function of the creator, so every endorser still agrees; bounded.
 */
export function rememberingClientIdentity(Original: ClientIdentityClass): ClientIdentityClass {
  const parsed = new Map<string, Parsed>();
  const prototype = Original.prototype as object;
  function RememberedClientIdentity(stub: ChaincodeStub): ClientIdentity {
    const creator = stub.getCreator();
    const key = `${creator.mspid}\n${Buffer.from(creator.idBytes).toString('latin1')}`;
    let known = parsed.get(key);
    if (known === undefined) {
      const fresh = new Original(stub) as unknown as Parsed;
      known = { id: fresh.id, attrs: { ...fresh.attrs } };
      if (parsed.size >= LIMIT) {
        parsed.clear();
      }
      parsed.set(key, known);
    }
    const identity = Object.create(prototype) as ClientIdentity;
    return Object.assign(identity, { stub, mspId: creator.mspid, idBytes: creator.idBytes, id: known.id, attrs: { ...known.attrs } });
  }
  RememberedClientIdentity.prototype = prototype;
  return RememberedClientIdentity as unknown as ClientIdentityClass;
}
