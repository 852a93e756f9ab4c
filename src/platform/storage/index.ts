// File storage and upload sniffing (no domain words): content-addressed storage and content-based type checks.
export { createFileStorage, createLocalFileStorage, isStorageKey, sha256Hex, type FileStorage, type StoredFile } from './storage.ts';
export { ACCEPTED_EXTENSIONS, detectFileKind, extensionOf, FILE_KINDS, isOfdPackage, sniffUpload, type FileKind, type SniffResult } from './sniff.ts';
