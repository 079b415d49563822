import type express from 'express';
import { attachmentDisposition } from './contentDisposition';

/**
 * Starts a download answer: 200, its type, its safe file name, and never cached — every
 * download (journals, generated files) is a customer's and is fetched under a permission.
 */
export function startDownload(
  res: express.Response,
  options: { contentType: string; fileName: string },
): void {
  res.status(200);
  res.setHeader('Content-Type', options.contentType);
  res.setHeader('Content-Disposition', attachmentDisposition(options.fileName));
  res.setHeader('Cache-Control', 'private, no-store');
}
