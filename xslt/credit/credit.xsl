<?xml version="1.0" encoding="UTF-8"?>
<!--
  credit.xsl - the credit service (src/credit/; CME-1, CME-2): the
  member's ledger /credits, the organizers' events and attendance, the
  tenant admin's list.  Included by xslt/shikaku.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:skc="urn:shikaku:xslt">

  <!-- /credits: the filter, the totals, every row (CME-1). -->
  <xsl:template match="page[@name = 'credit-ledger']" mode="content">
    <xsl:variable name="cr" select="content/credits"/>
    <xsl:variable name="fy" select="content/filter/@fy"/>
    <!-- Labels looked up once, not once per row (500 rows and more). -->
    <xsl:variable name="l-event"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.source.event'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="l-elearning"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.source.elearning'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="l-self"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.source.self'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="l-certificate"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.certificate'"/></xsl:call-template></xsl:variable>
    <xsl:variable name="l-no-code"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.no-code'"/></xsl:call-template></xsl:variable>
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <form class="credit-filter" method="get" action="/credits">
      <label for="credit-fy"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.fy'"/></xsl:call-template></label>
      <xsl:text> </xsl:text>
      <select id="credit-fy" name="fy">
        <option value="all">
          <xsl:if test="$fy = 'all'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'credit.fy-all'"/></xsl:call-template>
        </option>
        <xsl:for-each select="$cr/fy-total">
          <option value="{@fy}">
            <xsl:if test="$fy = @fy"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
            <xsl:value-of select="@fy"/>
            <xsl:call-template name="t"><xsl:with-param name="k" select="'credit.fy-suffix'"/></xsl:call-template>
          </option>
        </xsl:for-each>
      </select>
      <xsl:text> </xsl:text>
      <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.btn.filter'"/></xsl:call-template></button>
    </form>
    <p class="credit-total">
      <xsl:call-template name="t"><xsl:with-param name="k" select="'credit.total'"/></xsl:call-template>
      <xsl:text> </xsl:text>
      <strong><xsl:value-of select="$cr/@units"/></strong>
      <xsl:call-template name="t"><xsl:with-param name="k" select="'credit.units-suffix'"/></xsl:call-template>
      <xsl:value-of select="concat(' (', $cr/@count, ')')"/>
    </p>
    <xsl:if test="$cr/fy-total">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.by-fy'"/></xsl:call-template></h2>
      <div class="table-wrap">
        <table class="data credit-fy-totals">
          <thead><tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.fy'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.units'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.count'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$cr/fy-total">
              <tr>
                <td><a href="/credits?fy={@fy}"><xsl:value-of select="@fy"/><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.fy-suffix'"/></xsl:call-template></a></td>
                <td class="num"><xsl:value-of select="@units"/></td>
                <td class="num"><xsl:value-of select="@count"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:if>
    <xsl:if test="$cr/code-total">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.by-code'"/></xsl:call-template></h2>
      <div class="table-wrap">
        <table class="data credit-code-totals">
          <thead><tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.code'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.units'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.count'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <!-- One C pass under shikakud (credit_render.c), as the rows. -->
            <xsl:for-each select="$cr">
              <skc:credit-totals>
                <xsl:fallback>
                  <xsl:for-each select="code-total">
                    <tr>
                      <td><xsl:apply-templates select="." mode="credit-code"/></td>
                      <td class="num"><xsl:value-of select="@units"/></td>
                      <td class="num"><xsl:value-of select="@count"/></td>
                    </tr>
                  </xsl:for-each>
                </xsl:fallback>
              </skc:credit-totals>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:if>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.rows'"/></xsl:call-template></h2>
    <!-- One fiscal year's rows by default (issue 10): every year a link away. -->
    <xsl:if test="$fy != 'all'">
      <p class="credit-all"><a href="/credits?fy=all"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.fy-all'"/></xsl:call-template></a></p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$cr/rows/row">
        <div class="table-wrap">
          <table class="data credit-rows">
            <thead><tr>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.date'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.fy'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.code'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.units'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.source'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.title'"/></xsl:call-template></th>
            </tr></thead>
            <tbody>
              <!-- The rows in one C pass under shikakud (credit_render.c:
                   a row cost 55,000 instructions as XSLT, and a ledger
                   has hundreds); the same rows as XSLT elsewhere. -->
              <xsl:for-each select="$cr/rows">
                <skc:credit-rows>
                  <xsl:fallback>
                    <xsl:for-each select="row">
                      <tr>
                        <td><xsl:value-of select="@date"/></td>
                        <td><xsl:value-of select="@fy"/></td>
                        <td>
                          <xsl:choose>
                            <xsl:when test="@code"><xsl:value-of select="concat(@code, ' ', @code-name)"/></xsl:when>
                            <xsl:otherwise><xsl:value-of select="$l-no-code"/></xsl:otherwise>
                          </xsl:choose>
                        </td>
                        <td class="num"><xsl:value-of select="@units"/></td>
                        <td>
                          <xsl:choose>
                            <xsl:when test="@source = 'event'"><xsl:value-of select="$l-event"/></xsl:when>
                            <xsl:when test="@source = 'elearning'"><xsl:value-of select="$l-elearning"/></xsl:when>
                            <xsl:otherwise><xsl:value-of select="$l-self"/></xsl:otherwise>
                          </xsl:choose>
                          <xsl:if test="@upload">
                            <xsl:text> </xsl:text>
                            <a href="/upload/{@upload}"><xsl:value-of select="$l-certificate"/></a>
                          </xsl:if>
                        </td>
                        <td>
                          <xsl:value-of select="@title"/>
                          <xsl:if test="@event"><xsl:value-of select="concat(' [', @event, ']')"/></xsl:if>
                        </td>
                      </tr>
                    </xsl:for-each>
                  </xsl:fallback>
                </skc:credit-rows>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A curriculum code and its name, or "no code". -->
  <xsl:template match="*" mode="credit-code">
    <xsl:choose>
      <xsl:when test="@code">
        <xsl:value-of select="@code"/>
        <xsl:if test="@code-name | @name"><xsl:value-of select="concat(' ', @code-name, @name)"/></xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.no-code'"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- /events and /admin/events: the list. -->
  <xsl:template match="page[@name = 'credit-events' or @name = 'credit-admin-events']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p><a class="btn" href="/events/new"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.btn.new'"/></xsl:call-template></a></p>
    <xsl:choose>
      <xsl:when test="content/events/event">
        <div class="table-wrap">
          <table class="data credit-events">
            <thead><tr>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.field.number'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.field.held-on'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.field.title'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.field.kind'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.codes'"/></xsl:call-template></th>
              <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.attendees'"/></xsl:call-template></th>
              <xsl:if test="@name = 'credit-admin-events'">
                <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.organizer'"/></xsl:call-template></th>
              </xsl:if>
            </tr></thead>
            <tbody>
              <xsl:for-each select="content/events/event">
                <tr>
                  <td><a href="/events/{@id}"><xsl:value-of select="@number"/></a></td>
                  <td><xsl:value-of select="@held-on"/></td>
                  <td><xsl:value-of select="@title"/></td>
                  <td>
                    <xsl:call-template name="t"><xsl:with-param name="k" select="concat('credit.', concat('kind.', @kind))"/></xsl:call-template>
                    <xsl:if test="@series"><xsl:value-of select="concat(' ', @series)"/></xsl:if>
                  </td>
                  <td><xsl:value-of select="@codes"/></td>
                  <td class="num"><xsl:value-of select="@attendees"/></td>
                  <xsl:if test="/page/@name = 'credit-admin-events'">
                    <td><xsl:value-of select="@organizer"/></td>
                  </xsl:if>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <p class="empty"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.events-none'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="page[@name = 'credit-event-new']" mode="content">
    <h1><xsl:apply-templates select="." mode="title"/></h1>
    <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.event.hint'"/></xsl:call-template></p>
    <xsl:apply-templates select="form[@id = 'event']"/>
    <p><a href="/events"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.back'"/></xsl:call-template></a></p>
  </xsl:template>

  <!-- /events/<id>: edit, attendance one by one and by CSV, the list. -->
  <xsl:template match="page[@name = 'credit-event']" mode="content">
    <xsl:variable name="e" select="content/event"/>
    <h1><xsl:apply-templates select="." mode="title"/>: <xsl:value-of select="$e/@title"/></h1>
    <p class="field-hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.event.hint'"/></xsl:call-template></p>
    <xsl:apply-templates select="form[@id = 'event']"/>
    <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.attendance'"/></xsl:call-template></h2>
    <xsl:apply-templates select="form[@id = 'attend']"/>
    <p><a href="/events/{$e/@id}/import"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.import.link'"/></xsl:call-template></a></p>
    <xsl:variable name="at" select="content/attendees"/>
    <p><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.attendees'"/></xsl:call-template>: <xsl:value-of select="$at/@count"/></p>
    <xsl:if test="$at/attendee">
      <div class="table-wrap">
        <table class="data credit-attendees">
          <thead><tr>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.member-no'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.name'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.credits'"/></xsl:call-template></th>
            <th scope="col"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.remove'"/></xsl:call-template></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$at/attendee">
              <tr>
                <td><xsl:value-of select="@member-no"/><xsl:if test="not(@member-no)"><xsl:value-of select="@uid"/></xsl:if></td>
                <td><xsl:value-of select="@name"/></td>
                <td class="num"><xsl:value-of select="@credits"/></td>
                <td>
                  <form method="post" action="/events/{$e/@id}/unattend">
                    <input type="hidden" name="csrf" value="{/page/user/@csrf}"/>
                    <input type="hidden" name="uid" value="{@uid}"/>
                    <button type="submit" class="btn btn-secondary"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.btn.remove'"/></xsl:call-template></button>
                  </form>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:if>
    <p><a href="/events"><xsl:call-template name="t"><xsl:with-param name="k" select="'credit.back'"/></xsl:call-template></a></p>
  </xsl:template>

</xsl:stylesheet>
