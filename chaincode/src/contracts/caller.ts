import type { Participant } from '@scf/kernel/records/participant';

/** The OU parsing lives in the kernel so that the audit checks block creators the same way. */
export { isAdminCertificate, organisationalUnits } from '@scf/kernel/x509';

/** Who is calling, established from the signed certificate only. */
export interface Caller {
  readonly mspId: string;
  /** ctx.clientIdentity.getID(): x509::<subject>::<issuer>. */
  readonly clientId: string;
  /** The certificate carries the NodeOU "admin". */
  readonly isAdmin: boolean;
  /** The registered participant for (mspId, clientId), if any. */
  readonly participant?: Participant;
}
