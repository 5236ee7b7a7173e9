import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LedgerError } from '../ledger/errors';
import type { RouteMethods } from './method-not-allowed';
import { ApiError, GatewayErrorCode } from './api-error';
import { ErrorCode, ScfError } from '@scf/kernel/errors';

export { ApiError, ErrorBody, GatewayErrorCode, type ApiErrorCode } from './api-error';

interface Violation {
  readonly path: string;
  readonly message: string;
}

function isFastifyError(error: unknown): error is FastifyError {
  return (
    error instanceof Error &&
    typeof (error as Partial<FastifyError>).code === 'string' &&
    (error as Partial<FastifyError>).code?.startsWith('FST_') === true
  );
}

function validationError(error: FastifyError): ApiError {
  const where = error.validationContext ?? 'request';
  const violations: Violation[] = (error.validation ?? []).map((issue) => ({
    path: `/${where}${issue.instancePath}`,
    message: issue.message ?? 'is invalid',
  }));
  const first = violations[0];
  return new ApiError(ErrorCode.INVALID_ARGUMENT, first ? `${first.path} ${first.message}` : `invalid ${where}`, { violations });
}

/**
 * Fastify's refusal of a malformed request that this module does not name: INVALID_ARGUMENT,
 * answered with Fastify's own 4xx status (400 for most, e.g. a Content-Length that does not match
 * the body; 403 for a path @fastify/static refuses to serve). The one status not read from the
 * table: it is passed through from the framework, as it always was.
 */
class FrameworkRefusal extends ApiError {
  public override readonly httpStatus: number;

  constructor(frameworkStatus: number) {
    super(ErrorCode.INVALID_ARGUMENT, 'the request is malformed');
    this.httpStatus = frameworkStatus;
  }
}

/** Fastify's own 4xx errors by code; their messages are fixed texts without request data. */
function fromFastifyError(error: FastifyError): ApiError | undefined {
  if (error.validation) {
    return validationError(error);
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(GatewayErrorCode.PAYLOAD_TOO_LARGE, 'request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE, 'unsupported content type; send application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(ErrorCode.INVALID_ARGUMENT, 'body must not be empty when content-type is application/json');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(ErrorCode.INVALID_ARGUMENT, 'body is not valid JSON');
    default:
      break;
  }
  const status = error.statusCode ?? 500;
  return status >= 400 && status < 500 ? new FrameworkRefusal(status) : undefined;
}

/** Any thrown value that is neither a framework error nor JSON syntax: ApiErrors as they are, ledger errors by their code, the rest INTERNAL. */
function fromThrown(error: unknown): ApiError {
  if (error instanceof ApiError) {
    return error;
  }
  if (error instanceof LedgerError) {
    return new ApiError(error.code, error.message, error.details, { cause: error.cause });
  }
  // A kernel rule the gateway itself applied (a date parsed, an amount checked): answered by its code, as the chaincode's would be.
  if (error instanceof ScfError) {
    return new ApiError(error.code, error.detail, undefined, { cause: error });
  }
  return new ApiError(ErrorCode.INTERNAL, 'internal error', undefined, { cause: error });
}

/** Any thrown value → the one error shape, its status from the one table (error-table.ts) by code. */
export function apiErrorOf(error: unknown): ApiError {
  if (isFastifyError(error)) {
    return fromFastifyError(error) ?? fromThrown(error);
  }
  // JSON.parse of a body gives a SyntaxError with statusCode 400 in fastify's content-type parser.
  if (error instanceof SyntaxError && (error as Partial<FastifyError>).statusCode === 400) {
    return new ApiError(ErrorCode.INVALID_ARGUMENT, 'body is not valid JSON');
  }
  return fromThrown(error);
}

export function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.code(error.httpStatus).type('application/json; charset=utf-8').send(error.toBody());
}

/**
 * Installs the error and not-found handlers: every non-2xx leaves as `{ code, message, details? }`.
 * Given the registered routes' methods, a path that exists answered with a method it does not
 * declare is 405 METHOD_NOT_ALLOWED with `Allow`, not 404.
 */
export function installErrorHandling(app: FastifyInstance, routes?: RouteMethods): void {
  const notFound = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = routes?.allowedAt(path) ?? [];
    if (allowed.length > 0) {
      void reply.header('Allow', allowed.join(', '));
      return sendApiError(
        reply,
        new ApiError(GatewayErrorCode.METHOD_NOT_ALLOWED, `${request.method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`, {
          allowed,
        }),
      );
    }
    return sendApiError(reply, new ApiError(GatewayErrorCode.ROUTE_NOT_FOUND, `no route ${request.method} ${path}`));
  };
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    // No route answers the request (e.g. a QUERY without Content-Type, refused by Fastify before the
    // not-found handler): it is answered as not found (405 or 404), whatever is wrong with its body.
    if (request.is404 && isFastifyError(error)) {
      return notFound(request, reply);
    }
    const apiError = apiErrorOf(error);
    if (apiError.httpStatus >= 500) {
      request.log.error({ err: error, cause: apiError.cause, code: apiError.code }, 'request failed');
    } else {
      request.log.info({ code: apiError.code, status: apiError.httpStatus }, 'request refused');
    }
    return sendApiError(reply, apiError);
  });
  app.setNotFoundHandler(notFound);
}
