<?xml version="1.0" encoding="UTF-8"?>
<!-- Minimal shared stylesheet for the renderer's unit tests. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:sk="urn:shikaku:xslt" exclude-result-prefixes="sk">
  <xsl:output method="html" encoding="UTF-8"/>
  <xsl:template match="/page">
    <p><xsl:value-of select="sk:t('hello')"/>|<xsl:value-of select="content/x"/>|<xsl:value-of select="user/name"/></p>
  </xsl:template>
</xsl:stylesheet>
