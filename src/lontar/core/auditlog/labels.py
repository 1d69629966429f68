"""Names of the platform's own audited actions, as a Camat or an Inspektorat auditor reads them.

Imported by CoreConfig.ready(). Domain modules name theirs with `audit.register_action_labels` in
their own AppConfig.ready(); `test_every_audited_action_of_the_platform_has_a_label` keeps this list
complete for `lontar.core`.
"""

from django.utils.translation import gettext_lazy as _

from lontar.core.audit import register_action_labels, register_detail_labels

register_action_labels(
    _("Akun dan keamanan"),
    {
        "core.login": _("Berhasil masuk ke Lontar"),
        "core.logout": _("Keluar dari Lontar"),
        "core.login_failed": _("Percobaan masuk gagal"),
        "core.account_locked": _("Akun dikunci karena kata sandi salah berulang kali"),
        "core.account_unlocked": _("Kunci akun dibuka"),
        "core.password_changed": _("Kata sandi diganti"),
        "core.password_reset_requested": _("Tautan pembuatan kata sandi baru dikirim"),
        "core.otp_enabled": _("Verifikasi dua langkah diaktifkan"),
        "core.otp_disabled": _("Verifikasi dua langkah dinonaktifkan"),
        "core.otp_reset": _("Verifikasi dua langkah diatur ulang oleh administrator"),
        "core.otp_failed": _("Kode verifikasi dua langkah salah"),
        "core.otp_setup_failed": _("Kode salah saat mengaktifkan verifikasi dua langkah"),
        "core.otp_backup_code_used": _("Masuk dengan kode cadangan"),
    },
)
register_action_labels(
    _("Organisasi dan pegawai"),
    {
        "organisation.create": _("Kantor ditambahkan"),
        "organisation.update": _("Profil kantor diubah"),
        "organisation.move": _("Kantor dipindahkan ke induk lain"),
        "organisation.activate": _("Kantor diaktifkan kembali"),
        "organisation.deactivate": _("Kantor dinonaktifkan"),
        "unit.create": _("Unit kerja ditambahkan"),
        "unit.update": _("Unit kerja diubah"),
        "unit.delete": _("Unit kerja dihapus"),
        "position.create": _("Jabatan ditambahkan"),
        "position.update": _("Jabatan diubah"),
        "position.delete": _("Jabatan dihapus"),
        "assignment.create": _("Pemangku jabatan ditetapkan"),
        "assignment.end": _("Penugasan jabatan diakhiri"),
        "staff.create": _("Data pegawai ditambahkan"),
        "staff.update": _("Data pegawai diubah"),
        "staff.transfer_out": _("Pegawai pindah tugas ke kantor lain"),
        "staff.transfer_in": _("Pegawai masuk karena pindah tugas"),
        "account.create": _("Akun pengguna dibuat"),
        "membership.add": _("Peran diberikan"),
        "membership.remove": _("Peran dicabut"),
    },
)
register_action_labels(
    _("Penomoran naskah"),
    {
        "numbering.template_create": _("Templat penomoran dibuat"),
        "numbering.template_update": _("Templat penomoran diubah"),
        "numbering.take": _("Nomor naskah diambil"),
        "numbering.counter_advance": _("Penghitung nomor dimajukan (impor data lama)"),
    },
)
register_action_labels(
    _("Kalender kerja"),
    {
        "calendar.day_add": _("Hari libur atau penutupan kantor ditambahkan"),
        "calendar.day_remove": _("Hari libur atau penutupan kantor dihapus"),
    },
)
register_action_labels(
    _("Naskah dan berkas"),
    {
        "document.issued": _("Naskah diterbitkan"),
        "document.downloaded": _("Naskah diunduh"),
        "core.file.upload": _("Berkas diunggah"),
        "core.file.text_extracted": _("Teks berkas dibaca untuk pencarian"),
    },
)
register_action_labels(
    _("Notifikasi"),
    {
        "notifications.update_preferences": _("Pengaturan notifikasi diubah"),
        "notifications.retry_deliveries": _("Pengiriman notifikasi diulang"),
    },
)
register_action_labels(
    _("Jejak audit"),
    {
        "audit.export": _("Jejak audit diekspor"),
    },
)

# What account events record in before/after.
register_detail_labels(
    {
        "locked": _("Terkunci"),
        "failures": _("Kata sandi salah berturut-turut"),
        "cool_off_minutes": _("Lama terkunci (menit)"),
        "attempts_removed": _("Catatan percobaan yang dihapus"),
        "via": _("Melalui"),
        "reason": _("Sebab"),
        "second_factor": _("Verifikasi dua langkah aktif"),
        "device": _("Perangkat"),
        "devices_removed": _("Perangkat yang dihapus"),
        "backup_codes": _("Kode cadangan dibuat"),
        "remaining": _("Kode cadangan tersisa"),
        "known_account": _("Akun dikenal"),
        "throttled": _("Ditahan karena terlalu banyak kode salah"),
        "kind": _("Jenis kode"),
        "rows": _("Jumlah baris"),
        "filter": _("Filter"),
    },
    {
        ("via", "change"): _("halaman Keamanan akun"),
        ("via", "reset"): _("tautan di surel"),
        ("via", "password_reset"): _("kata sandi baru dari tautan di surel"),
        ("via", "admin"): _("administrator"),
        ("via", "command"): _("perintah server"),
        ("reason", "user"): _("keluar sendiri"),
        ("reason", "idle"): _("tidak ada aktivitas"),
        ("kind", "totp"): _("kode aplikasi"),
        ("kind", "backup"): _("kode cadangan"),
    },
)
