/**
 * Failures as the API server sends them: a `metav1.Status` object (kind Status, apiVersion v1,
 * status Failure, message, reason, details, code), built with the wording of
 * k8s.io/apimachinery/pkg/api/errors/errors.go (NewNotFound, NewAlreadyExists, NewConflict,
 * NewInvalid, NewForbidden, NewBadRequest, NewResourceExpired, NewMethodNotSupported) and, for
 * authorization, apiserver/pkg/endpoints/handlers/responsewriters/errors.go (forbiddenMessage).
 * kubectl prints them from these fields (kubectl/pkg/cmd/util/helpers.go, StandardErrorMessage:
 * `Error from server (<reason>): <message>`; Invalid with causes: `The <Kind> "<name>" is
 * invalid: <field>: <cause message>`).
 */

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: StatusCause[];
}

export interface StatusObject {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

/** A request that fails with this Status (thrown by the handlers, written by the server). */
export class ApiError extends Error {
  constructor(readonly status: StatusObject) {
    super(status.message);
  }
}

function failure(code: number, reason: string, message: string, details?: StatusDetails): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });
}

/** `pods "x" not found`, `nodes "x" not found` (core group: the resource alone). */
export const notFound = (resource: string, name: string): ApiError =>
  failure(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });

/** A path the server does not serve (the generic 404 of an unknown route). */
export const pathNotFound = (): ApiError =>
  failure(404, 'NotFound', 'the server could not find the requested resource', {});

export const alreadyExists = (resource: string, name: string): ApiError =>
  failure(409, 'AlreadyExists', `${resource} "${name}" already exists`, { name, kind: resource });

/** An update whose resourceVersion (or UID precondition) no longer matches (registry/rest/update.go). */
export const conflict = (resource: string, name: string, why: string): ApiError =>
  failure(409, 'Conflict', `Operation cannot be fulfilled on ${resource} "${name}": ${why}`, {
    name,
    kind: resource,
  });

export const OBJECT_MODIFIED =
  'the object has been modified; please apply your changes to the latest version and try again';

/**
 * NewInvalid: `<Kind> "<name>" is invalid: <field>: <Type>: <detail>` (field.Error.Error()),
 * one cause per field error with `<Type>: <detail>` as its message (field.Error.ErrorBody()).
 */
export function invalid(
  kind: string,
  name: string,
  errors: Array<{ field: string; type: string; reason: string; detail: string }>,
): ApiError {
  const bodies = errors.map((e) => `${e.type}: ${e.detail}`);
  const joined = errors.map((e, i) => `${e.field}: ${bodies[i]}`);
  const message =
    joined.length === 0
      ? `${kind} "${name}" is invalid`
      : `${kind} "${name}" is invalid: ${joined.length === 1 ? joined[0] : `[${joined.join(', ')}]`}`;
  return failure(422, 'Invalid', message, {
    name,
    kind,
    causes: errors.map((e, i) => ({ reason: e.reason, message: bodies[i], field: e.field })),
  });
}

/**
 * A JSON patch operation that does not apply: handlers/patch.go answers
 * NewGenericServerResponse(422, …), whose message is generic and whose details are empty, so
 * kubectl prints only "The request is invalid".
 */
export const patchNotApplicable = (): ApiError =>
  failure(422, 'Invalid', 'the server rejected our request due to an error in our request', {});

export const badRequest = (message: string): ApiError => failure(400, 'BadRequest', message);

export const unauthorized = (): ApiError => failure(401, 'Unauthorized', 'Unauthorized');

/** RBAC's refusal (forbiddenMessage + NewForbidden). */
export function forbidden(
  user: string,
  verb: string,
  resource: string,
  name: string,
  namespace: string | undefined,
): ApiError {
  const why = namespace
    ? `User "${user}" cannot ${verb} resource "${resource}" in API group "" in the namespace "${namespace}"`
    : `User "${user}" cannot ${verb} resource "${resource}" in API group "" at the cluster scope`;
  const message = name ? `${resource} "${name}" is forbidden: ${why}` : `${resource} is forbidden: ${why}`;
  return failure(403, 'Forbidden', message, { ...(name ? { name } : {}), kind: resource });
}

/** A non-resource path the user may not read (forbiddenMessage for !IsResourceRequest). */
export const forbiddenPath = (user: string, verb: string, path: string): ApiError =>
  failure(403, 'Forbidden', `forbidden: User "${user}" cannot ${verb} path "${path}"`, {});

/** Watch from a resourceVersion older than the server keeps (the etcd compaction case). */
export const expired = (requested: number, oldest: number): ApiError =>
  failure(410, 'Expired', `too old resource version: ${requested} (${oldest})`);

export const methodNotSupported = (resource: string, action: string): ApiError =>
  failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind "${resource}"`, {
    kind: resource,
  });

/** negotiation.NewUnsupportedMediaTypeError, for a body in a format the endpoint does not take. */
export const unsupportedMediaType = (accepted: string[]): ApiError =>
  failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );

/** NewRequestEntityTooLargeError, with the limit as kube-apiserver words it. */
export const requestTooLarge = (limit: number): ApiError =>
  failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);

export const internalError = (message: string): ApiError =>
  failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });

/** NewServiceUnavailable: the server cannot answer for now (here: its storage does not answer). */
export const serviceUnavailable = (message: string): ApiError => failure(503, 'ServiceUnavailable', message);
