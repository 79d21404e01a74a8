from proceedings import urls_declarations, urls_documents, urls_statements

app_name = "proceedings"

urlpatterns = [*urls_documents.urlpatterns, *urls_declarations.urlpatterns, *urls_statements.urlpatterns]
