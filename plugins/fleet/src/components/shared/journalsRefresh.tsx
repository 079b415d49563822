import {
  createContext,
  ReactNode,
  useCallback,
  useContext,
  useMemo,
  useState,
} from 'react';

type JournalsRefresh = {
  /** Goes up by one each time journals were received; fetches depend on it. */
  generation: number;
  /** Marks the journals (and the deployment's status) as changed, so both are fetched again. */
  refresh: () => void;
};

const JournalsRefreshContext = createContext<JournalsRefresh>({
  generation: 0,
  refresh: () => {},
});

/**
 * Lets the parts of the Journals tab refetch together after an upload: the journal card (the
 * deployment's status, which turns fresh) and the table of receipts. Outside a provider the
 * generation stays 0, so the journal card works on its own on any page.
 */
export function JournalsRefreshProvider(props: { children: ReactNode }) {
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration(current => current + 1), []);
  const value = useMemo(() => ({ generation, refresh }), [generation, refresh]);
  return (
    <JournalsRefreshContext.Provider value={value}>
      {props.children}
    </JournalsRefreshContext.Provider>
  );
}

export function useJournalsRefresh(): JournalsRefresh {
  return useContext(JournalsRefreshContext);
}
