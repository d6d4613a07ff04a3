export async function flowCat(): Promise<number> { return 1; }
