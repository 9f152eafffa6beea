import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodResult } from '../../../shared/contract.ts';
import { useTransport } from '../transport-context.tsx';

/** Every contract query is keyed by [method, input], so invalidating a method name refreshes all its inputs. */
export function callKey<M extends MethodName>(name: M, input?: MethodInput<M>) {
  return [name, input ?? {}] as const;
}

export function useCall<M extends MethodName>(
  name: M,
  input?: MethodInput<M>,
  options: { enabled?: boolean; placeholderPrevious?: boolean; extraKey?: unknown } = {},
) {
  const transport = useTransport();
  return useQuery({
    queryKey:
      options.extraKey === undefined ? callKey(name, input) : [...callKey(name, input), options.extraKey],
    queryFn: () => transport.call(name, input),
    enabled: options.enabled ?? true,
    placeholderData: options.placeholderPrevious ? (previous) => previous : undefined,
  });
}

/** A contract call that changes something; on success the listed methods' queries refetch. */
export function useAction<M extends MethodName>(name: M, invalidates: readonly MethodName[] = []) {
  const transport = useTransport();
  const client = useQueryClient();
  return useMutation<MethodResult<M>, Error, MethodInput<M>>({
    mutationFn: (input) => transport.call(name, input),
    onSuccess: () => Promise.all(invalidates.map((m) => client.invalidateQueries({ queryKey: [m] }))),
  });
}
