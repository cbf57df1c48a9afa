import type { WizardErrors, WizardValues } from "./model";

/** What every step of the wizard gets: the values, their errors, a setter of one value, and one for late defaults. */
export interface StepProps {
  values: WizardValues;
  errors: WizardErrors;
  set: <K extends keyof WizardValues>(key: K, value: WizardValues[K]) => void;
  /** Sets a default that arrives late (suggested VMID, first online node) only if the field is still empty. */
  suggest: <K extends keyof WizardValues>(key: K, value: WizardValues[K]) => void;
}
