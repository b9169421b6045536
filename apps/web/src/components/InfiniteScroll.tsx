import { useEffect, useRef } from 'preact/hooks';

/** Calls onMore whenever its sentinel scrolls into view (cursor pagination). */
export function InfiniteScroll({
  hasMore,
  loading,
  onMore,
}: {
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const more = useRef(onMore);
  more.current = onMore;
  useEffect(() => {
    if (!hasMore || loading || !ref.current) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) more.current();
      },
      { rootMargin: '200px' },
    );
    observer.observe(ref.current);
    return () => observer.disconnect();
  }, [hasMore, loading]);
  if (!hasMore) return null;
  return (
    <div ref={ref} class="load-more" aria-live="polite">
      {loading ? (
        'Loading more…'
      ) : (
        <button type="button" class="button button-link" onClick={() => more.current()}>
          Load more
        </button>
      )}
    </div>
  );
}
