export async function flowsift(): Promise<number> { return 1; }
