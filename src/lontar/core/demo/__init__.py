"""The fictional Kota Sukamaju used for demonstrations and manual testing."""
