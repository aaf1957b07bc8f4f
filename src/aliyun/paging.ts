/** Every item of a Marker-paged RAM list, page after page (each page needs the one before it). */
export async function allPages<T>(page: (marker?: string) => Promise<{ readonly items: T[]; readonly marker?: string }>, onPage?: (items: readonly T[]) => void): Promise<T[]> {
  const all: T[] = [];
  let marker: string | undefined;
  do {
    const next = await page(marker);
    all.push(...next.items);
    onPage?.(next.items);
    marker = next.marker;
  } while (marker);
  return all;
}
