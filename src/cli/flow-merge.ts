export async function flowMerge(): Promise<number> { return 1; }
