/** A problem with the master file itself; the CLI exits 2 with this Chinese message. */
export class MasterFileError extends Error {}
