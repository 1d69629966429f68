"""Models of the correspondence module, one file per part; import them from here."""

# --- incoming letters and dispositions ------------------------------------------------------------
from lontar.correspondence.models.dispositions import (  # noqa: F401
    DEFAULT_INSTRUCTIONS,
    OPEN_DISPOSITION_STATES,
    Disposition,
    DispositionInstruction,
    DispositionReport,
    DispositionStatus,
    DispositionWorkflow,
)
from lontar.correspondence.models.incoming import (  # noqa: F401
    AGENDA_DOCUMENT_TYPE,
    IncomingLetter,
    IncomingLetterWorkflow,
    IncomingStatus,
    ReceiptChannel,
    SecurityClass,
    Urgency,
)

# --- end incoming ---------------------------------------------------------------------------------
# --- outgoing documents (naskah dinas keluar) -----------------------------------------------------
from lontar.correspondence.models.outgoing import (  # noqa: F401
    DeliveryStatus,
    OutgoingComment,
    OutgoingDocument,
    OutgoingOrigin,
    OutgoingRecipient,
    OutgoingStatus,
    OutgoingTemplate,
    OutgoingType,
    OutgoingVersion,
    OutgoingWorkflow,
    ParafStep,
    RecipientRole,
    TemplateVerifier,
)
# --- end outgoing ---------------------------------------------------------------------------------
