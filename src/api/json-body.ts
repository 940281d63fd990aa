import express from 'express';

/**
 * The JSON body parser, used only by the operations that take a body (and so may answer 400 or
 * 413). An empty body is not JSON (body-parser would read it as {}): it is refused as malformed.
 */
export const jsonBody = express.json({
  limit: '1mb',
  verify: (_req, _res, raw) => {
    if (raw.length === 0)
      throw Object.assign(new Error('empty JSON body'), { type: 'entity.parse.failed' });
  },
});
