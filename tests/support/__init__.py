"""What the tests share: factories, admin forms and users, pages, importer input, browser steps."""
