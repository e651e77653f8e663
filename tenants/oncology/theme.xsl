<?xml version="1.0" encoding="UTF-8"?>
<!--
  oncology (デモ臨床腫瘍学会) theme.  Overrides:
    - tcat: this tenant's catalogue;
    - home-intro: the welcome with two callouts: that online renewal is
      not open yet (said plainly, with nothing to do elsewhere first: the
      site asks only for what exists, issue 7 item 26) and how to sign in.
  Colours (purple, teal) and the card look are in static/theme.css.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common"
    exclude-result-prefixes="exsl">

  <xsl:import href="../../xslt/shikaku.xsl"/>

  <!--
    This tenant's messages, for xsltproc only (shikakud answers sk:t() from
    memory; see xslt/i18n.xsl).  The path resolves against this file:
    tenants/oncology/i18n/<lang>.xml.
  -->
  <xsl:variable name="tcat-file">
    <xsl:if test="not($have-sk)">
      <xsl:copy-of select="document(concat('i18n/', $lang, '.xml'))/catalog"/>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="tcat" select="exsl:node-set($tcat-file)/catalog"/>

  <xsl:template name="home-intro">
    <section class="home-intro intro-cards">
      <h1><xsl:value-of select="$site-name"/></h1>
      <p class="lead">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'home.intro'"/></xsl:call-template>
      </p>
      <div class="callouts">
        <div class="callout callout-warn">
          <h2>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'home.before.title'"/></xsl:call-template>
          </h2>
          <p>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'home.before'"/></xsl:call-template>
          </p>
        </div>
        <p class="callout callout-info">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'home.draft-note'"/></xsl:call-template>
        </p>
      </div>
    </section>
  </xsl:template>

</xsl:stylesheet>
