import { can } from "../../api/session";

/**
 * Whether the user may use a VM privilege: the ticket's `cap.vms` lists the VM privileges the user holds
 * somewhere. Only hides buttons the user could never use; the API still decides for this VM.
 */
export function mayVm(privilege: string): boolean {
  return can("vms", privilege);
}
