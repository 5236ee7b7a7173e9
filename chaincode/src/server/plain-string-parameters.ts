// Side effect, imported by main.ts before fabric-shim's CLI: fabric-shim's DataMarshall answers
// string-only calls without its per-call inspect and ajv work (string-parameters.ts).
import DataMarshall from 'fabric-shim/lib/contract-spi/datamarshall';
import { withPlainStrings } from './string-parameters';

DataMarshall.prototype.handleParameters = withPlainStrings(DataMarshall.prototype.handleParameters);
