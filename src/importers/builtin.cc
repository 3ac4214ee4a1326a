#include "importers/builtin.h"

#include "importers/jsonl/jsonl_importer.h"
#ifdef SG_HAVE_IMPORTER_SMS_XML
#include "importers/sms_xml/sms_xml_importer.h"
#endif
#ifdef SG_HAVE_IMPORTER_EMAIL
#include "importers/email/email_importer.h"
#endif
#ifdef SG_HAVE_IMPORTER_WHATSAPP
#include "importers/whatsapp/whatsapp_importer.h"
#endif
#ifdef SG_HAVE_IMPORTER_TELEGRAM
#include "importers/telegram/telegram_importer.h"
#endif
#ifdef SG_HAVE_IMPORTER_META
#include "importers/meta/meta_importer.h"
#endif

namespace stalkguard::importers {

ImporterList BuiltinImporters() {
  ImporterList list;
  list.push_back(MakeJsonlImporter());
#ifdef SG_HAVE_IMPORTER_SMS_XML
  list.push_back(MakeSmsXmlImporter());
#endif
#ifdef SG_HAVE_IMPORTER_EMAIL
  list.push_back(MakeEmailImporter());
#endif
#ifdef SG_HAVE_IMPORTER_WHATSAPP
  list.push_back(MakeWhatsAppImporter());
#endif
#ifdef SG_HAVE_IMPORTER_TELEGRAM
  list.push_back(MakeTelegramImporter());
#endif
#ifdef SG_HAVE_IMPORTER_META
  list.push_back(MakeMetaImporter());
#endif
  return list;
}

const Importer* DetectFormat(const ImporterList& importers, std::string_view name,
                             std::string_view head) {
  const Importer* best = nullptr;
  int best_score = 49;  // below 50 an importer is guessing
  for (const auto& importer : importers) {
    const int score = importer->Sniff(name, head);
    if (score > best_score) {
      best = importer.get();
      best_score = score;
    }
  }
  return best;
}

}  // namespace stalkguard::importers
