#!/usr/bin/python3
"""Drives a real cordouand with the unmodified Debian proxmoxer client: create, configure, start, snapshot,
clone, stop and delete a VM. Exits non-zero with a message on the first deviation from Proxmox behaviour."""
import os
import sys
import time

from proxmoxer import ProxmoxAPI

HOST = os.environ["CORD_HOST"]
NODE = os.environ["CORD_NODE"]
IMAGE = os.environ["GUEST_IMAGE"]
VMID = int(os.environ.get("VMID", "400"))


def wait(px, upid, timeout=120):
    node = upid.split(":")[1]
    assert len(upid.split(":")) == 9, f"UPID must have 9 fields: {upid}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        status = px.nodes(node).tasks(upid).status.get()
        if status["status"] == "stopped":
            if status["exitstatus"] != "OK":
                log = px.nodes(node).tasks(upid).log.get()
                sys.exit(f"task {upid} failed: {status['exitstatus']} {log}")
            return
        time.sleep(0.5)
    sys.exit(f"task {upid} timed out")


px = ProxmoxAPI(HOST, user="admin@pve", password=os.environ["CORD_PASSWORD"], verify_ssl=False)
assert px.version.get()["version"].startswith("8."), "version"
assert any(n["node"] == NODE for n in px.nodes.get()), "node listed"
nextid = px.cluster.nextid.get()
assert isinstance(nextid, str), f"nextid must be a string, got {nextid!r}"

wait(px, px.nodes(NODE).qemu.create(vmid=VMID, name="pxvm", memory=160, cores=1, net0="virtio,firewall=0",
                                      scsi0=f"local:0,import-from={IMAGE}", serial0="socket", boot="order=scsi0"))
config = px.nodes(NODE).qemu(VMID).config.get()
assert config["name"] == "pxvm" and config["cores"] == 1, config
# The shared test node runs in the host's namespace, which has no bridge: the NIC is user-mode (still MAC first, then a comma).
assert config["net0"].startswith("virtio=BC:24:11:") and ",firewall=0" in config["net0"], config["net0"]
assert len(config["digest"]) == 40, config
px.nodes(NODE).qemu(VMID).config.put(description="set by proxmoxer", digest=config["digest"])
assert px.nodes(NODE).qemu(VMID).config.get()["description"] == "set by proxmoxer"

resources = [r for r in px.cluster.resources.get(type="vm") if r["vmid"] == VMID]
assert len(resources) == 1 and resources[0]["node"] == NODE and resources[0]["template"] == 0, resources

wait(px, px.nodes(NODE).qemu(VMID).status.start.post())
assert px.nodes(NODE).qemu(VMID).status.current.get()["status"] == "running"
wait(px, px.nodes(NODE).qemu(VMID).snapshot.post(snapname="s1", description="first"))
names = [s["name"] for s in px.nodes(NODE).qemu(VMID).snapshot.get()]
assert names == ["s1", "current"], names
wait(px, px.nodes(NODE).qemu(VMID).status.stop.post())
assert px.nodes(NODE).qemu(VMID).status.current.get()["status"] == "stopped"
wait(px, px.nodes(NODE).qemu(VMID).snapshot("s1").rollback.post())
wait(px, px.nodes(NODE).qemu(VMID).clone.post(newid=VMID + 1, name="pxclone", full=1))
assert px.nodes(NODE).qemu(VMID + 1).config.get()["name"] == "pxclone"
wait(px, px.nodes(NODE).qemu(VMID).snapshot("s1").delete())
for vmid in (VMID + 1, VMID):
    wait(px, px.nodes(NODE).qemu(vmid).delete())
assert not [r for r in px.cluster.resources.get(type="vm") if r["vmid"] in (VMID, VMID + 1)]

try:
    px.nodes(NODE).qemu(VMID).config.get()
    sys.exit("reading a deleted VM must fail")
except Exception as e:  # proxmoxer raises ResourceException with the reason phrase
    assert "does not exist" in str(e), str(e)
print("proxmoxer flow OK")
