/**
 * node:zlib, loaded on first use: it costs about 4 ms to load, and only runs that read or write
 * compressed data (or generate a compressed archive) need it.
 */
import { createRequire } from 'node:module';

export const lazyZlib = (): typeof import('node:zlib') => createRequire(import.meta.url)('node:zlib') as typeof import('node:zlib');
