-- ddekit.io: the hardware io hands to the conformance suite (vbus "dde"):
-- QEMU's edu device (PCI 1234:11e8, with its INTx and DMA) and the scratch
-- register of the second 16550 (port 0x2ff; QEMU creates COM2 when given a
-- second -serial). COM1 stays with the kernel's console.

local Res = Io.Res
local Hw = Io.Hw

Io.hw_add_devices(function()
  DDE_SCRATCH = Hw.Device(function()
    Property.hid = "LIBDDE-SCRATCH-PORT";
    Resource.port = Res.io(0x2ff, 0x2ff);
  end);
end)

local hw = Io.system_bus()

Io.add_vbusses
{
  dde = Io.Vi.System_bus(function()
    PCI0 = Io.Vi.PCI_bus(function()
      edu = wrap(hw:match("PCI/VEN_1234&DEV_11E8"));
    end);
    scratch = wrap(hw:match("LIBDDE-SCRATCH-PORT"));
  end);
}
