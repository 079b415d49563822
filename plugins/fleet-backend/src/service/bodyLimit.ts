import type express from 'express';

/** What body-parser attaches to the errors it passes on. */
type BodyParserError = Error & { type?: string };

/**
 * Wraps one of express's body parsers so that its refusals say what to fix: a body over the
 * limit becomes `tooLarge()` (a 413 naming the limit and its config key, instead of "request
 * entity too large"), and JSON that does not parse an `InputError` that never quotes the body.
 * (body-parser itself reads the rest of a refused body before passing the error on, so the
 * client reads the answer.)
 */
export function withBodyLimitMessage<P>(
  parser: express.RequestHandler,
  messages: { tooLarge: () => Error; notJson?: () => Error },
): express.RequestHandler<P> {
  return (req, res, next) => {
    parser(req as express.Request, res, (error?: unknown) => {
      const type = (error as BodyParserError | undefined)?.type;
      if (type === 'entity.too.large') {
        next(messages.tooLarge());
      } else if (type === 'entity.parse.failed' && messages.notJson) {
        next(messages.notJson());
      } else {
        next(error);
      }
    });
  };
}
