import { fileURLToPath } from 'node:url';

/**
 * The shared signature vectors and test keys (made with OpenSSL, test use only),
 * copied into the repository so that a fresh clone runs its tests on its own;
 * test/unit/vectors-copy.test.ts keeps the copy identical to ../shared/vectors.
 */
export const VECTORS_DIR = fileURLToPath(new URL('../fixtures/vectors', import.meta.url));
export const VECTOR_KEYS = `${VECTORS_DIR}/keys`;
export const VECTOR_SIGNATURES = `${VECTORS_DIR}/signatures.json`;
