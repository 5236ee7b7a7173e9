import { Type } from 'typebox';
import { MspId } from './common';

export const ChaincodeVersion = Type.Object({ name: Type.String(), version: Type.String() });

/** The chaincode's label rule (scf.system:Heartbeat). */
export const HeartbeatLabel = Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$', description: '1-64 characters of [A-Za-z0-9_.-]' });
export const HeartbeatRecord = Type.Object(
  {
    label: Type.String(),
    mspId: Type.String({ description: 'The org that wrote it' }),
    txId: Type.String({ description: 'The transaction that wrote it' }),
    unixSeconds: Type.String({ pattern: '^[0-9]+$', description: 'The transaction timestamp, epoch seconds' }),
  },
  { additionalProperties: true },
);
export const HeartbeatBody = Type.Object({ label: HeartbeatLabel }, { additionalProperties: false });
export const HeartbeatParams = Type.Object({ mspId: MspId, label: HeartbeatLabel });
