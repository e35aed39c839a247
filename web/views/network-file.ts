/**
 * A network file picked or dropped in the Simulate view, as the worker's
 * request takes it: the text of a network JSON, or the bytes of a NIR file
 * (HDF5, read in the worker; NIR fixes no time step, so the form asks for dt).
 */
export const isNir = (f: File): boolean => f.name.toLowerCase().endsWith('.nir');

export async function networkOfFile(f: File): Promise<Record<string, unknown>> {
  try {
    return isNir(f)
      ? { kind: 'nir', name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }
      : { kind: 'file', name: f.name, text: await f.text() };
  } catch (e) {
    throw new Error(`${f.name}: cannot read (${(e as Error).message})`);
  }
}
