/** `#/vm/<vmid>[/tab]`: placeholder until the VM page lands. */
export function VmPage({ vmid }: { vmid: number; tab: string }) {
  return <div class="page"><h2>VM {vmid}</h2></div>;
}
