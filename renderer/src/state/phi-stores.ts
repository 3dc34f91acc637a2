/**
 * Every store that may hold PHI registers its reset here; locking or signing
 * out calls them all, so nothing sensitive stays in renderer memory or on screen.
 */
const resets = new Set<() => void>();

export function registerPhiStore(reset: () => void): void {
  resets.add(reset);
}

export function clearPhiStores(): void {
  for (const r of resets) r();
}
