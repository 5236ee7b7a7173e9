import { Type } from 'typebox';
import { CALLER_ROLES } from '../../auth/credentials';

export const Me = Type.Object({
  credential: Type.String({ description: 'Name of the credential the API key belongs to' }),
  org: Type.String(),
  mspId: Type.String(),
  user: Type.String({ description: 'The Fabric identity (cryptogen user) every transaction of this caller is signed with' }),
  displayName: Type.String(),
  role: Type.Enum(CALLER_ROLES),
});
