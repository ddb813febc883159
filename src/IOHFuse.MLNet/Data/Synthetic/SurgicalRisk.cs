namespace IOHFuse.MLNet.Data;

/// <summary>Surgical risk tier of an operation, after the ESC/ESA 2014 non-cardiac surgery classification.</summary>
internal enum SurgicalRisk
{
    /// <summary>Superficial, breast, thyroid, minor gynaecological or vascular (varicose veins, AV fistula).</summary>
    Low,

    /// <summary>Intraperitoneal, intrathoracic, carotid, kidney transplant, major urological/gynaecological.</summary>
    Intermediate,

    /// <summary>Aortic/major vascular, duodeno-pancreatic, liver resection, liver/lung transplant.</summary>
    High,
}
