/**
 * Installed before the page loads: a minimal React DevTools hook that counts, per component name,
 * the function components that actually rendered in each commit (production builds included).
 * A fiber counts when React flagged work on it and its props or state object is new since we last
 * saw that fiber object; untouched subtrees keep both.
 */
export function installRenderCounter(): void {
  const seen = new WeakMap<object, { props: unknown; state: unknown }>();
  const counts: Record<string, number> = {};
  (window as unknown as { __renders: Record<string, number> }).__renders = counts;
  type Fiber = {
    type: unknown;
    flags: number;
    memoizedProps: unknown;
    memoizedState: unknown;
    child: Fiber | null;
    sibling: Fiber | null;
  };
  const nameOf = (type: unknown): string | null => {
    if (typeof type === 'function')
      return (type as { displayName?: string; name: string }).displayName ?? type.name;
    if (type && typeof type === 'object' && 'type' in type) return nameOf((type as { type: unknown }).type);
    return null;
  };
  const walk = (fiber: Fiber | null) => {
    for (let f = fiber; f; f = f.sibling) {
      const name = nameOf(f.type);
      if (name && (f.flags & 1) === 1) {
        const last = seen.get(f);
        if (!last || last.props !== f.memoizedProps || last.state !== f.memoizedState) {
          counts[name] = (counts[name] ?? 0) + 1;
          seen.set(f, { props: f.memoizedProps, state: f.memoizedState });
        }
      }
      walk(f.child);
    }
  };
  (window as unknown as Record<string, unknown>).__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject: () => 1,
    checkDCE: () => {},
    onScheduleFiberRoot: () => {},
    onCommitFiberUnmount: () => {},
    onPostCommitFiberRoot: () => {},
    onCommitFiberRoot: (_id: number, root: { current: Fiber }) => walk(root.current),
  };
}
