import type { WizardErrors, WizardValues } from "./model";

/** What every step of the wizard gets: the values, their errors, and a setter of one value. */
export interface StepProps {
  values: WizardValues;
  errors: WizardErrors;
  set: <K extends keyof WizardValues>(key: K, value: WizardValues[K]) => void;
}
