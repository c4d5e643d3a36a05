#pragma once
// Routes every Qt log message (the kiosk's categories and the libraries') through
// maskPersonalData before the default handler writes it.
namespace kiosk::app {

void installLogMasking();

}  // namespace kiosk::app
