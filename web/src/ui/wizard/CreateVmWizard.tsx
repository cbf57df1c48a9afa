import { useState } from "preact/hooks";
import { api } from "../../api/client";
import { ApiError } from "../../api/errors";
import { followTask } from "../../api/vms";
import { navigate } from "../../state/router";
import { showError } from "../Toasts";
import { CloudInitStep } from "./CloudInitStep";
import { ConfirmStep } from "./ConfirmStep";
import { DiskStep } from "./DiskStep";
import { GeneralStep } from "./GeneralStep";
import { createParams, fieldOfApiError, initialValues, stepOfField, steps, validateStep, type WizardErrors, type WizardValues } from "./model";
import { NetworkStep } from "./NetworkStep";
import { ResourcesStep } from "./ResourcesStep";
import type { StepProps } from "./StepProps";
import "../vm.css";

const stepViews = [GeneralStep, ResourcesStep, DiskStep, NetworkStep, CloudInitStep, ConfirmStep];

/** `#/create-vm`: the create-VM wizard, one step at a time, validated before moving on and before sending. */
export function CreateVmWizard() {
  const [values, setValues] = useState<WizardValues>(initialValues);
  const [errors, setErrors] = useState<WizardErrors>({});
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const set: StepProps["set"] = (key, value) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };
  // A suggestion answered after the user typed must not overwrite what they typed.
  const suggest: StepProps["suggest"] = (key, value) => setValues((current) => (current[key] ? current : { ...current, [key]: value }));

  /** Shows the API's field errors on their fields and goes to the step of the first; others go to a toast. */
  const showApiErrors = (error: unknown): boolean => {
    if (!(error instanceof ApiError) || Object.keys(error.fieldErrors).length === 0) return false;
    const mapped: WizardErrors = {};
    const unplaced: string[] = [];
    for (const [key, text] of Object.entries(error.fieldErrors)) {
      const field = fieldOfApiError(key);
      if (field) mapped[field] = text;
      else unplaced.push(`${key}: ${text}`);
    }
    const fields = Object.keys(mapped);
    if (fields.length > 0) {
      setErrors(mapped);
      setStep(Math.min(...fields.map(stepOfField)));
    }
    if (unplaced.length > 0) showError(`${error.message} (${unplaced.join("; ")})`);
    return true;
  };

  const next = async () => {
    const found = validateStep(step, values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (step === 0) {
      // Ask the API whether the VMID is free now rather than failing at the last step.
      setBusy(true);
      try {
        await api("GET", "/cluster/nextid", { vmid: values.vmid });
      } catch (error) {
        setBusy(false);
        if (!showApiErrors(error)) showError(error);
        return;
      }
      setBusy(false);
    }
    setStep(step + 1);
  };

  const finish = async () => {
    for (let index = 0; index < steps.length; index++) {
      const found = validateStep(index, values);
      if (Object.keys(found).length > 0) {
        setErrors(found);
        setStep(index);
        return;
      }
    }
    setBusy(true);
    setStatus("Creating…");
    let upid: string;
    try {
      upid = await api<string>("POST", `/nodes/${encodeURIComponent(values.node)}/qemu`, createParams(values));
    } catch (error) {
      setBusy(false);
      setStatus(null);
      if (!showApiErrors(error)) showError(error);
      return;
    }
    setStatus(`Task ${upid} running…`);
    const ok = await followTask(upid, `Create VM ${values.vmid}`, (exit) => {
      // A task error that names a parameter first ("scsi0: …") goes to that parameter's field.
      const named = /^([\w-]+): (.+)$/s.exec(exit);
      const field = !named ? null : /^import-from/.test(named[2]) ? "import-from" : fieldOfApiError(named[1]);
      if (!named || !field) return false;
      setErrors({ [field]: `${named[2]} (the create task failed)` });
      setStep(stepOfField(field));
      return true;
    });
    setBusy(false);
    setStatus(null);
    if (ok) navigate(`/vm/${values.vmid}`);
  };

  const StepView = stepViews[step];
  const last = step === steps.length - 1;
  return (
    <div class="page wizard" data-testid="wizard">
      <h2>Create a virtual machine</h2>
      <ol class="wizard-steps">
        {steps.map((title, index) => (
          <li key={title} class={index === step ? "current" : index < step ? "done" : ""}>
            {title}
          </li>
        ))}
      </ol>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          void (last ? finish() : next());
        }}
        noValidate
      >
        <StepView values={values} errors={errors} set={set} suggest={suggest} />
        <div class="wizard-buttons">
          <button type="button" class="button" disabled={step === 0 || busy} onClick={() => setStep(step - 1)} data-testid="wizard-back">
            Back
          </button>
          {last ? (
            <button type="submit" class="button primary" disabled={busy} data-testid="wizard-finish">
              Finish
            </button>
          ) : (
            <button type="submit" class="button primary" disabled={busy} data-testid="wizard-next">
              Next
            </button>
          )}
          {status && <span class="muted">{status}</span>}
        </div>
      </form>
    </div>
  );
}
